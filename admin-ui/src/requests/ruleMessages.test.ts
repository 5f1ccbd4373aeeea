import polyglotI18nProvider from 'ra-i18n-polyglot';
import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { withPersianNumbers } from '../i18n/interpolation.ts';
import { englishCatalog, persianCatalog } from '../i18n/messages.ts';
import { isStaleVersion, translateRule, translateRules, unmetRulesOf } from './ruleMessages.ts';

const WORKFLOW_CODES = [
  'cancellation_tick_missing',
  'welfare_tick_missing',
  'document_missing',
  'document_not_accepted',
  'details_not_confirmed',
  'note_required',
  'corrections_pending',
  'role_not_allowed',
  'wrong_stage',
  'ticks_frozen',
  'tick_already_set',
  'tick_not_set',
  'reason_required',
  'welfare_unchecked',
  'welfare_debt_unsettled',
  'route_missing',
  'in_person_check_missing',
  'scholarship_cost_unpaid',
  'amount_unpaid',
  'payment_ref_missing',
  'not_tick_owner',
  'case_frozen',
  'review_closed',
  'upload_closed',
  'tick_set',
];

const translatorFor = (locale: 'en' | 'fa') => {
  const i18n = polyglotI18nProvider(() => (locale === 'en' ? englishCatalog : persianCatalog), locale);
  return (key: string, options?: Record<string, unknown>) =>
    i18n.translate(key, locale === 'fa' ? withPersianNumbers(options) : options);
};

describe('translateRule', () => {
  const en = translatorFor('en');
  const fa = translatorFor('fa');

  it('has a message for every rule code the workflow sends, in both languages', () => {
    for (const code of WORKFLOW_CODES) {
      expect(en(`workflow.rules.${code}`)).not.toBe(`workflow.rules.${code}`);
      expect(fa(`workflow.rules.${code}`)).not.toBe(`workflow.rules.${code}`);
    }
  });

  it('translates the document kind named in the rule', () => {
    const rule = {
      code: 'document_missing',
      message: 'The cancellation_sheet document is missing.',
      params: { kind: 'cancellation_sheet' },
    };
    expect(translateRule(rule, en, 'en')).toBe('Commitment-cancellation sheet: not uploaded yet.');
    expect(translateRule(rule, fa, 'fa')).toContain('برگهٔ لغو تعهد');
  });

  it('translates the stage and writes amounts as rials', () => {
    expect(translateRule({ code: 'ticks_frozen', message: '', params: { stage: 'approved' } }, en, 'en')).toContain(
      'Approved',
    );
    const unpaid = { code: 'amount_unpaid', message: '', params: { owed: '125000000', paid: '25000000' } };
    expect(translateRule(unpaid, en, 'en')).toContain('125,000,000');
    expect(translateRule(unpaid, fa, 'fa')).toContain('۱۲۵٬۰۰۰٬۰۰۰');
  });

  it('falls back to the server text for a code it does not know', () => {
    expect(translateRule({ code: 'brand_new', message: 'Server words.' }, en, 'en')).toBe('Server words.');
  });

  it('joins several rules as sentences', () => {
    const rules = [
      { code: 'cancellation_tick_missing', message: '' },
      { code: 'details_not_confirmed', message: '' },
    ];
    expect(translateRules(rules, en, 'en')).toBe(
      'The Free-Education Office has not set the cancellation tick. The personal details have not been confirmed yet.',
    );
    expect(translateRules(rules, fa, 'fa')).toContain('. ');
  });
});

describe('reading problems', () => {
  it('finds the unmet rules of a workflow-blocked problem', () => {
    const error = new HttpError('Not possible now', 409, {
      type: '/api/problems/workflow-blocked',
      unmet: [{ code: 'route_missing', message: 'The cancellation route has not been recorded.' }],
    });
    expect(unmetRulesOf(error)).toEqual([
      { code: 'route_missing', message: 'The cancellation route has not been recorded.' },
    ]);
    expect(unmetRulesOf(new HttpError('x', 409, { type: '/api/problems/stale-version' }))).toBeUndefined();
    expect(unmetRulesOf(new Error('x'))).toBeUndefined();
  });

  it('recognises a stale version', () => {
    expect(isStaleVersion(new HttpError('x', 409, { type: '/api/problems/stale-version' }))).toBe(true);
    expect(isStaleVersion(new HttpError('x', 409, { type: '/api/problems/workflow-blocked' }))).toBe(false);
  });
});
