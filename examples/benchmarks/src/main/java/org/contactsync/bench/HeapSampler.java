package org.contactsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures the heap over one benchmark: the highest heap use seen (sampled every 5 ms, garbage not yet collected
 * included, so at most the committed heap) and the highest heap use left right after a collection (the live set plus
 * old garbage a young collection did not look at), from GC notifications. One measurement at a time.
 */
final class HeapSampler implements AutoCloseable {
    /** What one measurement saw, in bytes. */
    record Heap(long peakUsed, long peakAfterGc, long gcCount, long gcMillis) {
        long peakUsedMb() {
            return peakUsed >> 20;
        }

        long peakAfterGcMb() {
            return peakAfterGc >> 20;
        }
    }

    private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong gcCount = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final NotificationListener listener = this::onGc;
    private final AtomicLong peakUsed = new AtomicLong();
    private volatile Thread sampler;

    HeapSampler() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
            }
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Starts a measurement after a full collection, so earlier garbage does not count. */
    void start() {
        System.gc();
        peakAfterGc.set(currentUsed());
        peakUsed.set(currentUsed());
        gcCount.set(0);
        gcMillis.set(0);
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(currentUsed(), Math::max);
                LockSupport.parkNanos(5_000_000L);
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        sampler = t;
    }

    Heap stop() {
        Thread t = sampler;
        if (t != null) {
            t.interrupt();
            sampler = null;
        }
        return new Heap(Math.max(peakUsed.get(), peakAfterGc.get()), peakAfterGc.get(), gcCount.get(), gcMillis.get());
    }

    private long currentUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(e.getKey())) {
                after += e.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(after, Math::max);
        gcCount.incrementAndGet();
        gcMillis.addAndGet(info.getGcInfo().getDuration());
    }

    private boolean isHeapPool(String name) {
        for (MemoryPoolMXBean p : heapPools) {
            if (p.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        stop();
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
