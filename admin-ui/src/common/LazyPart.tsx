import { type ReactNode, Suspense } from 'react';
import { LinearProgress } from 'react-admin';

/**
 * A part of a page whose code is loaded when first shown (a tab, a preview): while it loads, a thin progress
 * bar in its place (react-admin's, shown only after a moment), instead of the page-wide `<Loading>` of the
 * layout's own Suspense replacing the page around it.
 */
export const LazyPart = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<LinearProgress sx={{ my: 2 }} />}>{children}</Suspense>
);
