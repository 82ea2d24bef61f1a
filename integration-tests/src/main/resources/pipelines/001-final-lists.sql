-- SCENARIOS 001: who appears in which programme. Two bounded tables joined with LEFT JOIN and
-- aggregated with ARRAY_AGG, in streaming mode. Into upsert-kafka the topic receives every
-- intermediate list; through the 'final' wrapper it receives one complete list per programme.
SET 'table.dml-sync' = 'true';
SET 'pipeline.name' = 'scenario-001-final-lists';

CREATE TABLE appearances (
    program_name STRING,
    person_id INT
) WITH (
    'connector' = 'kafka',
    'topic' = 'appearances',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'json'
);

CREATE TABLE people (
    person_id INT,
    name STRING
) WITH (
    'connector' = 'kafka',
    'topic' = 'people',
    'properties.bootstrap.servers' = '${kafka}',
    'scan.startup.mode' = 'earliest-offset',
    'scan.bounded.mode' = 'latest-offset',
    'format' = 'json'
);

CREATE TABLE program_people_every_change (
    program_name STRING,
    people ARRAY<STRING>,
    PRIMARY KEY (program_name) NOT ENFORCED
) WITH (
    'connector' = 'upsert-kafka',
    'topic' = 'program-people-every-change',
    'properties.bootstrap.servers' = '${kafka}',
    'key.format' = 'json',
    'value.format' = 'json'
);

CREATE TABLE program_people_final (
    program_name STRING,
    people ARRAY<STRING>,
    PRIMARY KEY (program_name) NOT ENFORCED
) WITH (
    'connector' = 'final',
    'final.emit' = 'end-of-input',
    'inner.connector' = 'kafka',
    'inner.topic' = 'program-people-final',
    'inner.properties.bootstrap.servers' = '${kafka}',
    'inner.format' = 'json'
);

CREATE VIEW program_people AS
SELECT b.program_name, ARRAY_AGG(a.name) AS people
FROM appearances b LEFT JOIN people a ON b.person_id = a.person_id
GROUP BY b.program_name;

INSERT INTO program_people_every_change SELECT * FROM program_people;
INSERT INTO program_people_final SELECT * FROM program_people;
