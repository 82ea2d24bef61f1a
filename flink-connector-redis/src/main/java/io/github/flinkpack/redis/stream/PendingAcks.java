package io.github.flinkpack.redis.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry ids a group reader has emitted, per checkpoint: acknowledged ({@code XACK}) only once
 * the checkpoint holding them completes, so an entry stays pending in the group until Flink can no
 * longer need it again.
 */
final class PendingAcks {

    private Map<String, List<String>> open = new LinkedHashMap<>();
    private final TreeMap<Long, Map<String, List<String>>> sealed = new TreeMap<>();

    void emitted(String stream, String id) {
        open.computeIfAbsent(stream, s -> new ArrayList<>()).add(id);
    }

    /** The ids emitted before checkpoint {@code checkpointId}'s barrier belong to it. */
    void seal(long checkpointId) {
        if (!open.isEmpty()) {
            sealed.put(checkpointId, open);
            open = new LinkedHashMap<>();
        }
    }

    /** The ids of every checkpoint up to {@code checkpointId}, per stream; forgets them. */
    Map<String, List<String>> completed(long checkpointId) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        Map<Long, Map<String, List<String>>> done = sealed.headMap(checkpointId, true);
        for (Map<String, List<String>> byStream : done.values()) {
            byStream.forEach(
                    (stream, list) ->
                            ids.computeIfAbsent(stream, s -> new ArrayList<>()).addAll(list));
        }
        done.clear();
        return ids;
    }
}
