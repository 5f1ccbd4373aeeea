import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import type { Direction } from '../i18n/locales.ts';

const FONT_FAMILY = ['Vazirmatn', 'Roboto', '"Helvetica Neue"', 'Arial', 'sans-serif'].join(', ');

const withDirection = (base: RaThemeOptions, direction: Direction): RaThemeOptions => ({
  ...base,
  direction,
  typography: { ...base.typography, fontFamily: FONT_FAMILY },
  components: {
    ...base.components,
    MuiSnackbarContent: {
      styleOverrides: {
        message: { unicodeBidi: 'plaintext' },
      },
    },
  },
});

const light: RaThemeOptions = {
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#1f4e79' },
    secondary: { main: '#1f4e79', contrastText: '#fff' },
  },
};

export const themesFor = (direction: Direction) => ({
  light: withDirection(light, direction),
  dark: withDirection(defaultDarkTheme, direction),
});
