//! The worker pool: `workers` threads run the pipeline for requests already read in full;
//! the request's task on the async runtime hands its job over and awaits the answer, so the
//! CPU-bound, synchronous pipeline never runs on the runtime's thread. A stalled upload never
//! gets this far, so it can never hold a worker.
//!
//! Why threads of their own rather than the runtime's or a pool's shared with other work: the
//! pipeline's allocations then stay in as many allocator arenas as there are workers. With
//! the pipeline run on whichever of 32 connection threads had read the request, glibc
//! kept a high-water mark in each of its arenas (up to 8 per core): 1 000 uploads of
//! 20 000-row workbooks from 40 clients on 4 workers peaked at 2.5 GiB of RSS, against
//! 1.1 GiB on worker threads of their own (`scripts/load-serve.sh 40 25 20000`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send>;

pub(super) struct Workers {
    jobs: Sender<Job>,
}

impl Workers {
    /// Starts `count` worker threads; they live as long as the process.
    pub(super) fn start(count: usize) -> Workers {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for i in 0..count.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("renja-worker-{i}"))
                .spawn(move || work(&queue))
                .expect("spawn worker thread");
        }
        Workers { jobs }
    }

    /// Runs `job` on the first free worker and returns its result; `None` when the job
    /// panicked (the worker carries on).
    pub(super) async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = answer.send(job());
        });
        self.jobs.send(job).ok()?;
        result.await.ok()
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    loop {
        // The lock is held only while waiting for the next job, never while running one.
        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = next else { return };
        // A panicking job drops its answer channel: the waiting connection sees `None`.
        let _ = catch_unwind(AssertUnwindSafe(job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn no_more_than_the_workers_run_at_once() {
        let workers = Workers::start(2);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for i in 0..8 {
                let (workers, running, most) = (&workers, &running, &most);
                scope.spawn(move || {
                    let (running, most) = (Arc::clone(running), Arc::clone(most));
                    let answer = block_on(workers.run(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        running.fetch_sub(1, Ordering::SeqCst);
                        i
                    }));
                    assert_eq!(answer, Some(i));
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_panicking_job_is_none_and_the_worker_carries_on() {
        let workers = Workers::start(1);
        assert_eq!(block_on(workers.run(|| -> u8 { panic!("job") })), None);
        assert_eq!(block_on(workers.run(|| 5)), Some(5));
    }
}
