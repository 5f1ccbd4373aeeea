import { CacheProvider } from '@emotion/react';
import { useMemo } from 'react';
import { Admin, Resource, Translate } from 'react-admin';
import auditEvents from './audit-events/index.ts';
import { Dashboard } from './dashboard/index.ts';
import graduateImports from './graduate-imports/index.ts';
import graduates from './graduates/index.ts';
import { i18nProvider } from './i18n/i18nProvider.ts';
import { Layout } from './layout/Layout.tsx';
import { LoginPage } from './login/LoginPage.tsx';
import { authProvider } from './providers/authProvider.ts';
import { dataProvider } from './providers/dataProvider.ts';
import requests from './requests/index.ts';
import { store } from './store.ts';
import { emotionCacheFor } from './theme/emotionCaches.ts';
import { themesFor } from './theme/themes.ts';
import { useDocumentDirection } from './theme/useDocumentDirection.ts';
import users from './users/index.ts';
import { holidays, stageTargets } from './working-calendar/index.ts';

export const App = () => {
  const direction = useDocumentDirection();
  const themes = useMemo(() => themesFor(direction), [direction]);
  return (
    <CacheProvider value={emotionCacheFor(direction)}>
      <Admin
        disableTelemetry
        requireAuth
        store={store}
        i18nProvider={i18nProvider}
        dataProvider={dataProvider}
        authProvider={authProvider}
        dashboard={Dashboard}
        loginPage={LoginPage}
        layout={Layout}
        title={<Translate i18nKey="app.name" />}
        lightTheme={themes.light}
        darkTheme={themes.dark}
      >
        <Resource name="requests" {...requests} />
        <Resource name="graduates" {...graduates} />
        <Resource name="graduate-imports" {...graduateImports} />
        <Resource name="users" {...users} />
        <Resource name="audit-events" {...auditEvents} />
        <Resource name="holidays" {...holidays} />
        <Resource name="stage-targets" {...stageTargets} />
      </Admin>
    </CacheProvider>
  );
};
