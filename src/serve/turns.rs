//! The workers' turns: at most `workers` requests run the pipeline at once; the others, read
//! in full already, wait here. A counting semaphore over `std::sync`, so that a stalled
//! upload, which never gets this far, can never hold a turn.

use std::sync::{Condvar, Mutex, PoisonError};

pub(super) struct Turns {
    free: Mutex<usize>,
    freed: Condvar,
}

/// One worker's turn, given back when dropped (also when the pipeline panics).
pub(super) struct Turn<'a>(&'a Turns);

impl Turns {
    pub(super) fn new(workers: usize) -> Turns {
        Turns {
            free: Mutex::new(workers),
            freed: Condvar::new(),
        }
    }

    /// Waits until a worker is free and takes its turn.
    pub(super) fn wait(&self) -> Turn<'_> {
        // The lock is never held while the pipeline runs, so a poisoned one is still right.
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free == 0 {
            free = self
                .freed
                .wait(free)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *free -= 1;
        Turn(self)
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn no_more_than_the_workers_run_at_once() {
        let turns = Turns::new(2);
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let _turn = turns.wait();
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    running.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }
}
