import 'vazirmatn/Vazirmatn-font-face.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { reloadOnStaleChunks } from './common/staleChunks.ts';
import { preloadScreenFor } from './preloadScreen.ts';

reloadOnStaleChunks();
preloadScreenFor(window.location.hash);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
