// Calls to keyward from a screen: what is loading, what failed (as a sentence), and the one rule
// for errors that end the session.
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { describeError, endsSession, type ErrorContext, type ShownError } from './errors.js';
import { SessionContext } from './session.js';

/** Turns an error into a sentence, or, when it ends the session, leads back to log-in. */
function useErrorHandler(context?: ErrorContext): (error: unknown) => ShownError | null {
  const session = useContext(SessionContext);
  return useCallback(
    (error: unknown) => {
      if (session !== null && endsSession(error)) {
        session.expired();
        return null;
      }
      return describeError(error, context);
    },
    [session, context],
  );
}

export interface Action<A extends unknown[]> {
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  error: ShownError | null;
  clearError: () => void;
}

/** A user's action (a form, a button): `run` resolves true when it succeeded. */
export function useAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown>,
  context?: ErrorContext,
): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const handle = useErrorHandler(context);
  const run = async (...args: A): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      return true;
    } catch (err) {
      setError(handle(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, clearError: () => setError(null) };
}

export interface Loaded<T> {
  data: T | undefined;
  error: ShownError | null;
  loading: boolean;
  reload: () => void;
}

/** Data a screen shows, loaded when it opens and again on `reload()` or when `keys` change. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ShownError | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const handle = useErrorHandler();
  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(handle(err));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new function on every render; what it depends on is in `keys`.
  }, [...keys, round]);
  return { data, error, loading, reload: () => setRound((r) => r + 1) };
}
