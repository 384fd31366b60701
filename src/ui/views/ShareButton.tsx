/** "Share": a link that replays this run, and an iframe snippet to embed it. */
import { useState } from 'react';
import { Dialog } from '../settings/Dialog';
import { SharePanel } from '../settings/ShareDialog';

export function ShareButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Share
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Share this run"
        className="share-dialog"
        testId="share-dialog"
      >
        <SharePanel />
      </Dialog>
    </>
  );
}
