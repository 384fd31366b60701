import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startRuntime } from './runtime/start';
import { App } from './ui/App';
import { useClusterStore } from './ui/store';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

const { controller, configProblem } = startRuntime();
const store = useClusterStore.getState();
controller.subscribe((frame) => store.setFrame(frame));
controller.onProblemReported((message) => store.addProblem(message));
if (configProblem !== null) store.addProblem(`A new cluster was started: ${configProblem}.`);

createRoot(root).render(
  <StrictMode>
    <App controller={controller} />
  </StrictMode>,
);
