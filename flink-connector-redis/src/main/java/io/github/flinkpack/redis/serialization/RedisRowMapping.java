package io.github.flinkpack.redis.serialization;

import io.github.flinkpack.redis.config.DeleteBehavior;
import io.github.flinkpack.redis.config.NullKeyPolicy;
import io.github.flinkpack.redis.config.NullValuePolicy;
import io.github.flinkpack.redis.config.RedisCommand;
import io.github.flinkpack.redis.config.ValueFormat;
import java.io.Serializable;
import org.apache.flink.table.types.logical.LogicalType;

/** Which columns of a row are key, value, hash field and TTL, and the row-level policies. */
public final class RedisRowMapping implements Serializable {

    private static final long serialVersionUID = 1L;

    final String tableName;
    final RedisCommand command;
    final String keyPrefix;
    final String keySeparator;
    final String[] keyNames;
    final int[] keyPositions;
    final LogicalType[] keyTypes;
    final String[] valueNames;
    final int[] valuePositions;
    final LogicalType[] valueTypes;
    final ValueFormat valueFormat;
    final String hashFieldName;
    final int hashFieldPosition;
    final LogicalType hashFieldType;
    final String scoreName;
    final int scorePosition;
    final LogicalType scoreType;
    final String streamIdName;
    final int streamIdPosition;
    final LogicalType streamIdType;
    final int listMaxLength;
    final long streamMaxLength;
    final Expiry fixedTtl;
    final String ttlColumnName;
    final int ttlColumnPosition;
    final LogicalType ttlColumnType;
    final DeleteBehavior deleteBehavior;
    final NullKeyPolicy nullKeyPolicy;
    final NullValuePolicy nullValuePolicy;

    private RedisRowMapping(Builder b) {
        this.tableName = b.tableName;
        this.command = b.command;
        this.keyPrefix = b.keyPrefix;
        this.keySeparator = b.keySeparator;
        this.keyNames = b.keyNames;
        this.keyPositions = b.keyPositions;
        this.keyTypes = b.keyTypes;
        this.valueNames = b.valueNames;
        this.valuePositions = b.valuePositions;
        this.valueTypes = b.valueTypes;
        this.valueFormat = b.valueFormat;
        this.hashFieldName = b.hashFieldName;
        this.hashFieldPosition = b.hashFieldPosition;
        this.hashFieldType = b.hashFieldType;
        this.scoreName = b.scoreName;
        this.scorePosition = b.scorePosition;
        this.scoreType = b.scoreType;
        this.streamIdName = b.streamIdName;
        this.streamIdPosition = b.streamIdPosition;
        this.streamIdType = b.streamIdType;
        this.listMaxLength = b.listMaxLength;
        this.streamMaxLength = b.streamMaxLength;
        this.fixedTtl = b.fixedTtl;
        this.ttlColumnName = b.ttlColumnName;
        this.ttlColumnPosition = b.ttlColumnPosition;
        this.ttlColumnType = b.ttlColumnType;
        this.deleteBehavior = b.deleteBehavior;
        this.nullKeyPolicy = b.nullKeyPolicy;
        this.nullValuePolicy = b.nullValuePolicy;
    }

    public static Builder builder(String tableName, RedisCommand command) {
        return new Builder(tableName, command);
    }

    public String tableName() {
        return tableName;
    }

    public RedisCommand command() {
        return command;
    }

    public String[] keyNames() {
        return keyNames.clone();
    }

    /** Positions of the key columns in the physical row, in key order. */
    public int[] keyPositions() {
        return keyPositions.clone();
    }

    /** Position of the {@code hash.field} column in the physical row, or -1. */
    public int hashFieldPosition() {
        return hashFieldPosition;
    }

    public String hashFieldName() {
        return hashFieldName;
    }

    /** Fills a {@link RedisRowMapping}; columns are given by position in the physical row. */
    public static final class Builder {
        private final String tableName;
        private final RedisCommand command;
        private String keyPrefix = "";
        private String keySeparator = ":";
        private String[] keyNames = new String[0];
        private int[] keyPositions = new int[0];
        private LogicalType[] keyTypes = new LogicalType[0];
        private String[] valueNames = new String[0];
        private int[] valuePositions = new int[0];
        private LogicalType[] valueTypes = new LogicalType[0];
        private ValueFormat valueFormat = ValueFormat.TEXT;
        private String hashFieldName;
        private int hashFieldPosition = -1;
        private LogicalType hashFieldType;
        private String scoreName;
        private int scorePosition = -1;
        private LogicalType scoreType;
        private String streamIdName;
        private int streamIdPosition = -1;
        private LogicalType streamIdType;
        private int listMaxLength;
        private long streamMaxLength;
        private Expiry fixedTtl;
        private String ttlColumnName;
        private int ttlColumnPosition = -1;
        private LogicalType ttlColumnType;
        private DeleteBehavior deleteBehavior = DeleteBehavior.DELETE;
        private NullKeyPolicy nullKeyPolicy = NullKeyPolicy.FAIL;
        private NullValuePolicy nullValuePolicy = NullValuePolicy.FAIL;

        private Builder(String tableName, RedisCommand command) {
            this.tableName = tableName;
            this.command = command;
        }

        public Builder key(String prefix, String separator) {
            this.keyPrefix = prefix;
            this.keySeparator = separator;
            return this;
        }

        public Builder keyColumns(String[] names, int[] positions, LogicalType[] types) {
            this.keyNames = names;
            this.keyPositions = positions;
            this.keyTypes = types;
            return this;
        }

        public Builder valueColumns(
                String[] names, int[] positions, LogicalType[] types, ValueFormat format) {
            this.valueNames = names;
            this.valuePositions = positions;
            this.valueTypes = types;
            this.valueFormat = format;
            return this;
        }

        public Builder hashField(String name, int position, LogicalType type) {
            this.hashFieldName = name;
            this.hashFieldPosition = position;
            this.hashFieldType = type;
            return this;
        }

        /** The {@code zset.score} column: ZADD's score, ZINCRBY's amount. */
        public Builder score(String name, int position, LogicalType type) {
            this.scoreName = name;
            this.scorePosition = position;
            this.scoreType = type;
            return this;
        }

        /** The {@code stream.id} column of XADD. */
        public Builder streamId(String name, int position, LogicalType type) {
            this.streamIdName = name;
            this.streamIdPosition = position;
            this.streamIdType = type;
            return this;
        }

        /** {@code list.max-length} and {@code stream.max-length}; 0 for no limit. */
        public Builder maxLengths(int list, long stream) {
            this.listMaxLength = list;
            this.streamMaxLength = stream;
            return this;
        }

        public Builder fixedTtl(Expiry ttl) {
            this.fixedTtl = ttl;
            return this;
        }

        public Builder ttlColumn(String name, int position, LogicalType type) {
            this.ttlColumnName = name;
            this.ttlColumnPosition = position;
            this.ttlColumnType = type;
            return this;
        }

        public Builder policies(
                DeleteBehavior delete, NullKeyPolicy nullKey, NullValuePolicy nullValue) {
            this.deleteBehavior = delete;
            this.nullKeyPolicy = nullKey;
            this.nullValuePolicy = nullValue;
            return this;
        }

        public RedisRowMapping build() {
            return new RedisRowMapping(this);
        }
    }
}
