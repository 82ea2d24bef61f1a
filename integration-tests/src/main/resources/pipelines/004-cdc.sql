-- SCENARIOS 004, cases 1 and 3, on Debezium topics with the debezium-json-ext format.
-- Case 1: event sign-ups (ops r and c only, the op read as metadata) joined to the latest event
-- name of the name table's CDC stream (the changelog is the table: no latest_by_offset needed),
-- kept in Redis per user.
-- Case 3: MongoDB toggle events whose 'after' is a JSON string with {"$numberLong": "1"} ids:
-- the format reads user_id as BIGINT; the real flips per user are counted in Redis and the
-- latest value kept.
SET 'table.dml-sync' = 'true';
SET 'pipeline.name' = 'scenario-004-cdc';

CREATE TABLE event_name (
    event_id INT,
    name STRING,
    PRIMARY KEY (event_id) NOT ENFORCED
) WITH (
    'connector' = 'kafka',
    'topic' = 'EVENT_MYSQL.EVENT.NAME',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'debezium-json-ext'
);

CREATE TABLE event_submit (
    user_id INT,
    event_id INT,
    created_at STRING,
    op STRING METADATA FROM 'value.op' VIRTUAL
) WITH (
    'connector' = 'kafka',
    'topic' = 'EVENT_MYSQL.EVENT.SUBMIT',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'debezium-json-ext',
    'debezium-json-ext.ops' = 'r,c'
);

CREATE TABLE toggle_option (
    user_id BIGINT,
    toggle BOOLEAN,
    updated_at TIMESTAMP_LTZ(3) METADATA FROM 'value.source.timestamp' VIRTUAL,
    proc_time AS PROCTIME()
) WITH (
    'connector' = 'kafka',
    'topic' = 'SETTING_MONGO.SETTING.OPTION',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'debezium-json-ext',
    'debezium-json-ext.ops' = 'c,u',
    'debezium-json-ext.changelog-mode' = 'append'
);

CREATE TABLE signup (
    user_id INT,
    event_name STRING,
    PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'SET',
    'key.prefix' = 'signup:'
);

CREATE TABLE toggle_flips (
    user_id BIGINT
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'INCR',
    'key.fields' = 'user_id',
    'key.prefix' = 'toggle:flips:'
);

CREATE TABLE toggle_latest (
    user_id BIGINT,
    toggle BOOLEAN,
    PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'SET',
    'key.prefix' = 'toggle:latest:'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO signup
SELECT s.user_id, LAST_VALUE(e.name)
FROM event_submit s JOIN event_name e ON s.event_id = e.event_id
GROUP BY s.user_id;

INSERT INTO toggle_flips
SELECT user_id FROM (
    SELECT user_id, toggle,
           LAG(toggle) OVER (PARTITION BY user_id ORDER BY proc_time) AS previous
    FROM toggle_option WHERE toggle IS NOT NULL)
WHERE previous IS NULL OR previous <> toggle;

INSERT INTO toggle_latest
SELECT user_id, toggle FROM toggle_option WHERE toggle IS NOT NULL;
END;
