/** A form's submit handler: the browser's own submission is replaced by the action. */
export const submitWith =
  (run: () => Promise<unknown>) =>
  (event: Event): void => {
    event.preventDefault();
    void run();
  };
