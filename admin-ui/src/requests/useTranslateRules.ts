import { useCallback } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { translateRules } from './ruleMessages.ts';
import type { UnmetRule } from './types.ts';

export const useTranslateRules = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return useCallback((rules: UnmetRule[]) => translateRules(rules, translate, locale), [translate, locale]);
};
