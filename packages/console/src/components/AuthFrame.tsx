import type { ComponentChildren } from 'preact';

/** The frame of the screens before log-in: the name, one card, no menu. */
export function AuthFrame({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main id="main" class="auth-main">
      <p class="brand brand-large">keyward</p>
      <section class="card auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
    </main>
  );
}
