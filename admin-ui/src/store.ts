import { localStorageStore, type Store } from 'react-admin';

const DEVICE_PREFERENCES = new Set(['locale', 'theme']);

const localStore = localStorageStore(undefined, 'diploma-desk');

// react-admin resets the store on logout; the language and theme belong to the device, not to the user who left.
export const store: Store = {
  ...localStore,
  reset: () => {
    for (const key of Object.keys(localStore.listItems?.() ?? {})) {
      if (!DEVICE_PREFERENCES.has(key)) localStore.removeItem(key);
    }
  },
};
