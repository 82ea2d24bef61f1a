package io.github.flinkpack.json.read;

import io.github.flinkpack.json.path.JsonPath;
import io.github.flinkpack.json.path.PathStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several paths merged by their common prefixes, so that one pass over a document finds all of
 * their values. Path {@code i} delivers its value to result slot {@code i}; a null path delivers
 * nothing.
 */
final class PathTree {

    final Node root = new Node();

    static PathTree of(List<JsonPath> paths) {
        PathTree tree = new PathTree();
        for (int slot = 0; slot < paths.size(); slot++) {
            if (paths.get(slot) != null) {
                tree.add(paths.get(slot), slot);
            }
        }
        tree.root.freeze();
        return tree;
    }

    private void add(JsonPath path, int slot) {
        Node node = root;
        node.below.add(slot);
        for (PathStep step : path.steps()) {
            node = node.child(step);
            node.below.add(slot);
        }
        node.targets.add(slot);
    }

    static final class Node {
        Map<String, Node> fields;
        Map<Integer, Node> indexes;

        /** By distance from the end: key 1 is the last element. */
        TreeMap<Integer, Node> fromEnd;

        final List<Integer> targets = new ArrayList<>();
        final List<Integer> below = new ArrayList<>();
        int[] targetSlots;
        int[] slotsBelow;

        Node child(PathStep step) {
            if (step.isField()) {
                if (fields == null) {
                    fields = new HashMap<>();
                }
                return fields.computeIfAbsent(step.field(), name -> new Node());
            }
            if (step.index() >= 0) {
                if (indexes == null) {
                    indexes = new HashMap<>();
                }
                return indexes.computeIfAbsent(step.index(), index -> new Node());
            }
            if (fromEnd == null) {
                fromEnd = new TreeMap<>();
            }
            return fromEnd.computeIfAbsent(-step.index(), distance -> new Node());
        }

        boolean isLeaf() {
            return fields == null && indexes == null && fromEnd == null;
        }

        int maxDistanceFromEnd() {
            return fromEnd == null ? 0 : fromEnd.lastKey();
        }

        private void freeze() {
            targetSlots = targets.stream().mapToInt(Integer::intValue).toArray();
            slotsBelow = below.stream().mapToInt(Integer::intValue).toArray();
            for (Map<?, Node> children : List.of(mapOrEmpty(fields), mapOrEmpty(indexes))) {
                children.values().forEach(Node::freeze);
            }
            if (fromEnd != null) {
                fromEnd.values().forEach(Node::freeze);
            }
        }

        private static <K> Map<K, Node> mapOrEmpty(Map<K, Node> map) {
            return map == null ? Map.of() : map;
        }
    }
}
