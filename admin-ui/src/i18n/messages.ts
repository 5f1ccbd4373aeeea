import englishMessages from 'ra-language-english';
import farsiMessages from 'ra-language-farsi';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { en } from './en.ts';
import { fa, faFrameworkFixes } from './fa.ts';
import { withPersianCountPlaceholder } from './interpolation.ts';

export const englishCatalog: TranslationMessages = mergeTranslations(englishMessages, en);

export const persianCatalog: TranslationMessages = withPersianCountPlaceholder(
  mergeTranslations(farsiMessages, faFrameworkFixes, fa),
);

export const catalogFor = (locale: string): TranslationMessages => (locale === 'en' ? englishCatalog : persianCatalog);
