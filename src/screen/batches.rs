//! Reading on a thread of its own: the rows of a file come to the screen in
//! batches, in file order, each row already classified (holding, skipped or
//! rejected), while the screen decides the batch before.
//!
//! Batches go back to the reading thread once screened, so their rows'
//! buffers are reused; at most `IN_FLIGHT` full batches wait at any time,
//! so memory does not grow with the file.

use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::thread;

use anyhow::Result;

use crate::portfolio::row::{RowClassifier, cells_may_hold_isin};
use crate::portfolio::{HoldingsReader, Row, RowKind};

/// Rows per batch.
pub const BATCH_ROWS: usize = 1024;
/// Full batches that may wait for the screen.
const IN_FLIGHT: usize = 4;

/// Rows read one after another.
#[derive(Default)]
pub struct Batch {
    rows: Vec<Row>,
    kinds: Vec<RowKind>,
    len: usize,
    /// Bytes of the file read when the batch was full (for progress).
    pub bytes_read: u64,
}

impl Batch {
    /// The rows, in file order.
    pub fn rows(&self) -> &[Row] {
        &self.rows[..self.len]
    }

    /// What each row is, in the same order.
    pub fn kinds(&self) -> &[RowKind] {
        &self.kinds
    }
}

/// The screen's end of the hand-over.
pub struct Batches {
    full: Receiver<Result<Batch>>,
    empty: Sender<Batch>,
}

impl Batches {
    /// The next batch; `None` once the file is read. A read error comes
    /// after the rows read before it.
    pub fn next_batch(&mut self) -> Option<Result<Batch>> {
        self.full.recv().ok()
    }

    /// Hands a screened batch back for reuse.
    pub fn recycle(&self, batch: Batch) {
        // The reader may have finished already; the batch is then dropped.
        let _ = self.empty.send(batch);
    }
}

/// Runs `screen` on this thread with the batches `reader` reads on another.
/// When `screen` returns early (an error, a closed pipe), the reader stops.
pub fn read_in_background<T>(
    mut reader: HoldingsReader,
    screen: impl FnOnce(Batches) -> Result<T>,
) -> Result<T> {
    let (full_sender, full) = sync_channel(IN_FLIGHT);
    let (empty, empty_receiver) = channel();
    thread::scope(|scope| {
        scope.spawn(move || fill(&mut reader, &full_sender, &empty_receiver));
        screen(Batches { full, empty })
    })
}

/// Reads batches until the end of the file, an error, or the screen stops
/// taking them.
fn fill(reader: &mut HoldingsReader, full: &SyncSender<Result<Batch>>, empty: &Receiver<Batch>) {
    let mut classifier = RowClassifier::default();
    loop {
        let mut batch = empty.try_recv().unwrap_or_default();
        batch.len = 0;
        batch.kinds.clear();
        let mut error = None;
        while batch.len < BATCH_ROWS {
            if batch.rows.len() == batch.len {
                batch.rows.push(Row::default());
            }
            let row = &mut batch.rows[batch.len];
            match reader.read(row) {
                Ok(true) => {
                    let kind = classifier.classify(reader.format(), &row.record);
                    // Searched here, off the thread that decides.
                    row.isin_cells = kind == RowKind::Holding && cells_may_hold_isin(&row.record);
                    batch.kinds.push(kind);
                    batch.len += 1;
                }
                Ok(false) => break,
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        let finished = batch.len < BATCH_ROWS;
        batch.bytes_read = reader.bytes_read();
        if batch.len > 0 && full.send(Ok(batch)).is_err() {
            return;
        }
        if let Some(error) = error {
            let _ = full.send(Err(error));
            return;
        }
        if finished {
            return;
        }
    }
}
