package io.github.flinkpack.testing.debezium;

/**
 * Change events in the shapes Debezium documents for its MySQL, PostgreSQL and MongoDB connectors,
 * without or with the schema/payload envelope (JSON converter with schemas.enable).
 */
public final class DebeziumEvents {

    private DebeziumEvents() {}

    public static String customer(int id, String firstName, String email) {
        return String.format(
                "{\"id\": %d, \"first_name\": \"%s\", \"last_name\": \"Thomas\", \"email\": \"%s\"}",
                id, firstName, email);
    }

    public static String mysql(String op, String before, String after, long tsMs, String table) {
        return String.format(
                "{\"before\": %s, \"after\": %s, \"source\": {\"version\": \"2.5.0.Final\","
                        + " \"connector\": \"mysql\", \"name\": \"dbserver1\", \"ts_ms\": %d,"
                        + " \"snapshot\": \"%s\", \"db\": \"inventory\", \"sequence\": null,"
                        + " \"table\": \"%s\", \"server_id\": 223344, \"gtid\": null, \"file\":"
                        + " \"mysql-bin.000003\", \"pos\": 4871, \"row\": 0, \"thread\": 7,"
                        + " \"query\": null}, \"op\": \"%s\", \"ts_ms\": %d, \"transaction\":"
                        + " null}",
                before, after, tsMs - 250, op.equals("r") ? "true" : "false", table, op, tsMs);
    }

    public static String postgres(String op, String before, String after, long tsMs, String table) {
        return String.format(
                "{\"before\": %s, \"after\": %s, \"source\": {\"version\": \"2.5.0.Final\","
                        + " \"connector\": \"postgresql\", \"name\": \"pg\", \"ts_ms\": %d,"
                        + " \"snapshot\": \"false\", \"db\": \"shop\", \"sequence\":"
                        + " \"[\\\"24023128\\\",\\\"24023184\\\"]\", \"schema\": \"public\","
                        + " \"table\": \"%s\", \"txId\": 555, \"lsn\": 24023184, \"xmin\": null},"
                        + " \"op\": \"%s\", \"ts_ms\": %d, \"transaction\": {\"id\":"
                        + " \"555:24023184\", \"total_order\": 1, \"data_collection_order\": 1}}",
                before, after, tsMs - 250, table, op, tsMs);
    }

    /** MongoDB: the document is a string of extended JSON (null for deletes). */
    public static String mongo(String op, String document, long tsMs, String collection) {
        return String.format(
                "{\"after\": %s, \"patch\": null, \"filter\": null, \"updateDescription\": null,"
                        + " \"source\": {\"version\": \"2.5.0.Final\", \"connector\":"
                        + " \"mongodb\", \"name\": \"SETTING_MONGO\", \"ts_ms\": %d, \"snapshot\":"
                        + " \"false\", \"db\": \"setting\", \"sequence\": null, \"rs\": \"rs0\","
                        + " \"collection\": \"%s\", \"ord\": 1, \"lsid\": null, \"txnNumber\":"
                        + " null}, \"op\": \"%s\", \"ts_ms\": %d, \"transaction\": null}",
                document == null ? "null" : quote(document), tsMs - 250, collection, op, tsMs);
    }

    /** The same event in the envelope of the JSON converter with schemas.enable = true. */
    public static String withSchema(String payload) {
        return "{\"schema\": {\"type\": \"struct\", \"fields\": [{\"type\": \"struct\", \"fields\":"
                + " [{\"type\": \"int32\", \"optional\": false, \"field\": \"id\"}],"
                + " \"optional\": true, \"name\": \"dbserver1.inventory.customers.Value\","
                + " \"field\": \"before\"}, {\"type\": \"string\", \"optional\": false,"
                + " \"field\": \"op\"}], \"optional\": false, \"name\":"
                + " \"dbserver1.inventory.customers.Envelope\", \"version\": 1}, \"payload\": "
                + payload
                + "}";
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
