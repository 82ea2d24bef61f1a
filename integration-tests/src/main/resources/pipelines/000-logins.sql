-- SCENARIOS 000: the matching team's login pipeline and a match rule, into Redis.
-- Login events (JSON: event_time in epoch ms, event_type, data.user_id) counted in a 1-minute
-- window hopping every 10 s (SET with a TTL), counted per user (INCR), and flagged when a user
-- logs in 3 times within a minute (SET with a TTL). Malformed JSON never fails the job: the
-- topic is read as raw text and the JSON functions give NULL for what they cannot read.
-- Users of one city with common interests are matched with the array intersection.
SET 'table.dml-sync' = 'true';
SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'scenario-000-logins';

LOAD MODULE flinkpack_json;
CREATE FUNCTION IF NOT EXISTS PACK_ARRAY_INTERSECT AS 'io.github.flinkpack.arrays.functions.ArrayIntersect';
CREATE FUNCTION IF NOT EXISTS ARRAYS_OVERLAP AS 'io.github.flinkpack.arrays.functions.ArraysOverlap';

CREATE TABLE login_event (
    doc STRING,
    user_id AS JSON_STR(doc, '$.data.user_id'),
    event_type AS JSON_STR(doc, '$.event_type'),
    row_time AS TO_TIMESTAMP_LTZ(JSON_LONG(doc, '$.event_time', 0), 3),
    WATERMARK FOR row_time AS row_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'kafka',
    'topic' = 'login-event-topic',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'raw'
);

CREATE TABLE user_profile (
    user_id STRING,
    city STRING,
    interests ARRAY<STRING>
) WITH (
    'connector' = 'kafka',
    'topic' = 'user-profile-topic',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'json',
    'json.ignore-parse-errors' = 'true'
);

CREATE TABLE windowed_login_count (
    window_start STRING,
    record_count BIGINT
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'SET',
    'key.fields' = 'window_start',
    'key.prefix' = 'logins:window:',
    'ttl' = '1 h'
);

CREATE TABLE login_count_per_user (
    user_id STRING
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'INCR',
    'key.fields' = 'user_id',
    'key.prefix' = 'logins:user:'
);

CREATE TABLE frequent_login_flag (
    user_id STRING,
    flag STRING
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'SET',
    'key.fields' = 'user_id',
    'key.prefix' = 'flag:frequent-login:',
    'ttl' = '10 min'
);

CREATE TABLE interest_match (
    user_a STRING,
    user_b STRING,
    common ARRAY<STRING>,
    n INT
) WITH (
    'connector' = 'redis',
    'url' = '${redis}',
    'command' = 'SET',
    'key.fields' = 'user_a;user_b',
    'key.prefix' = 'match:',
    'value.format' = 'json',
    'ttl' = '1 d'
);

EXECUTE STATEMENT SET
BEGIN
INSERT INTO windowed_login_count
SELECT DATE_FORMAT(window_start, 'yyyy-MM-dd HH:mm:ss'), COUNT(*)
FROM TABLE(HOP(TABLE login_event, DESCRIPTOR(row_time), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
WHERE user_id IS NOT NULL AND event_type = 'Login'
GROUP BY window_start, window_end;

INSERT INTO login_count_per_user
SELECT user_id FROM login_event WHERE user_id IS NOT NULL AND event_type = 'Login';

INSERT INTO frequent_login_flag
SELECT user_id, 'true'
FROM TABLE(HOP(TABLE login_event, DESCRIPTOR(row_time), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
WHERE user_id IS NOT NULL AND event_type = 'Login'
GROUP BY window_start, window_end, user_id
HAVING COUNT(*) >= 3;

INSERT INTO interest_match
SELECT a.user_id, b.user_id,
       PACK_ARRAY_INTERSECT(a.interests, b.interests),
       CARDINALITY(PACK_ARRAY_INTERSECT(a.interests, b.interests))
FROM user_profile a JOIN user_profile b ON a.city = b.city AND a.user_id < b.user_id
WHERE ARRAYS_OVERLAP(a.interests, b.interests);
END;
