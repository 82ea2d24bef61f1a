package io.github.flinkpack.testing.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TaskManager's resources, set explicitly as Flink's start script would derive them: {@code
 * TaskManagerRunner} started directly requires every component, and the JVM limits that match.
 */
final class TaskManagerMemory {

    static final Map<String, String> CONFIG = new LinkedHashMap<>();

    static {
        CONFIG.put("taskmanager.cpu.cores", "2");
        CONFIG.put("taskmanager.memory.framework.heap.size", "128m");
        CONFIG.put("taskmanager.memory.task.heap.size", "384m");
        CONFIG.put("taskmanager.memory.framework.off-heap.size", "128m");
        CONFIG.put("taskmanager.memory.task.off-heap.size", "0m");
        CONFIG.put("taskmanager.memory.network.min", "64m");
        CONFIG.put("taskmanager.memory.network.max", "64m");
        CONFIG.put("taskmanager.memory.managed.size", "128m");
        CONFIG.put("taskmanager.memory.jvm-metaspace.size", "256m");
        CONFIG.put("taskmanager.memory.jvm-overhead.min", "192m");
        CONFIG.put("taskmanager.memory.jvm-overhead.max", "192m");
    }

    /** Heap = framework + task heap; direct = framework + task off-heap + network. */
    static final List<String> JVM_OPTIONS =
            List.of(
                    "-Xmx512m",
                    "-Xms512m",
                    "-XX:MaxDirectMemorySize=192m",
                    "-XX:MaxMetaspaceSize=256m");

    private TaskManagerMemory() {}
}
