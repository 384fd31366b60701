import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/theme.css';
import { App } from './ui/App';
import { bootFromLocation } from './ui/boot';
import { SessionContext } from './ui/context';
import { connectHost } from './ui/embed/bridge';
import { Session } from './ui/session';
import { applyTheme, loadTheme } from './ui/settings/theme';
import { addNotice, useStore } from './ui/store/store';
import { parseUrlSettings } from './ui/url-params';

// Before the first paint: theme= for this page only, else the remembered theme.
applyTheme(parseUrlSettings(window.location.search).theme ?? loadTheme());
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

bootFromLocation(window.location).then((boot) => {
  useStore.setState({ embed: boot.embed, panels: boot.panels, locked: boot.lock });
  for (const notice of boot.notices) addNotice(notice);
  const session = new Session(boot);
  connectHost(session, boot.origins);
  createRoot(root).render(
    <StrictMode>
      <SessionContext.Provider value={session}>
        <App />
      </SessionContext.Provider>
    </StrictMode>,
  );
  void session.open();
});
