import { mount } from 'svelte';
import App from './App.svelte';
import { workspace } from './lib/state/workspace.svelte';
import './app.css';
import { installCsp } from './lib/state/csp';

installCsp(); // before any request: limits connect-src (judge keys only go to allowed endpoints)
const target = document.getElementById('app');
if (!target) throw new Error('#app element missing');
// Reopen what was open before the reload; views wait for workspace.ready.
void workspace.restore().catch((e: unknown) => console.error('Could not restore the workspace', e));
export default mount(App, { target });
