import { render } from 'preact';
import { App } from './app.js';
import './styles/theme.css';
import './styles/base.css';

render(<App />, document.getElementById('app')!);

// The first screen is in the page and works from here on: a mark anyone can read (the browser
// tests print it as the time to a usable first screen).
performance.mark('keyward:first-screen');
