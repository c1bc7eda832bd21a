package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A small fixed set of worker threads for one operation (a PCA fit, a k-means fit, a batch search). Work is
 * split into numbered tasks that the workers and the calling thread take in turn; callers combine per-task
 * partial results in task order, so results do not depend on the thread count.
 */
final class Parallel implements AutoCloseable {
    private final int threads;
    private final ExecutorService executor;

    private Parallel(int threads) {
        this.threads = threads;
        this.executor = threads > 1 ? Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "segrank-retrieval-worker");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * @param threads requested threads, {@code <= 0} for all available processors
     */
    static Parallel open(int threads) {
        return new Parallel(resolve(threads));
    }

    /** {@code threads <= 0} means all available processors. */
    static int resolve(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code task.accept(i)} for every {@code i} in {@code [0, tasks)} and waits for all of them. The first
     * failure is rethrown (unchecked exceptions and errors as they are) after every task has ended.
     */
    void run(int tasks, IntConsumer task) {
        if (tasks <= 0) {
            return;
        }
        if (executor == null || tasks == 1) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            try {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            } catch (RuntimeException | Error e) {
                next.set(tasks);
                throw e;
            }
        };
        int helpers = Math.min(threads - 1, tasks - 1);
        List<Future<?>> futures = new ArrayList<>(helpers);
        for (int h = 0; h < helpers; h++) {
            futures.add(executor.submit(worker));
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for worker threads", e);
                }
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Number of tasks of {@code grain} items each that cover {@code n} items. */
    static int tasks(long n, int grain) {
        return (int) ((n + grain - 1) / grain);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
