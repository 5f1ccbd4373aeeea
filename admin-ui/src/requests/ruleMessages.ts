import { HttpError } from 'react-admin';
import { formatRials } from '../common/rials.ts';
import type { Translate } from '../providers/problem.ts';
import type { UnmetRule } from './types.ts';

const isRule = (value: unknown): value is UnmetRule =>
  typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string';

export const unmetRulesOf = (error: unknown): UnmetRule[] | undefined => {
  const unmet: unknown = error instanceof HttpError ? error.body?.unmet : undefined;
  return Array.isArray(unmet) && unmet.every(isRule) ? unmet : undefined;
};

export const isStaleVersion = (error: unknown): boolean =>
  error instanceof HttpError && error.status === 409 && String(error.body?.type ?? '').endsWith('/stale-version');

const ruleParams = (params: Record<string, string>, translate: Translate, locale: string) => ({
  ...params,
  ...(params.kind ? { kind: translate(`documents.kinds.${params.kind}`, { _: params.kind }) } : {}),
  ...(params.stage ? { stage: translate(`stages.${params.stage}`, { _: params.stage }) } : {}),
  ...(params.owed ? { owed: formatRials(params.owed, locale) } : {}),
  ...(params.paid ? { paid: formatRials(params.paid, locale) } : {}),
});

export const translateRule = (rule: UnmetRule, translate: Translate, locale: string): string =>
  translate(`workflow.rules.${rule.code}`, { ...ruleParams(rule.params ?? {}, translate, locale), _: rule.message });

export const translateRules = (rules: UnmetRule[], translate: Translate, locale: string): string =>
  rules.map((rule) => translateRule(rule, translate, locale)).join(' ');
