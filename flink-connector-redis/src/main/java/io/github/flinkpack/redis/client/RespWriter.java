package io.github.flinkpack.redis.client;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.RedisOutputStream;

/**
 * Pipelines commands on a borrowed connection with the fewest steps: they are encoded as RESP into
 * one growing array and written to the connection's stream in one call; the replies are read by
 * Jedis ({@link Connection#getMany}), errors left in place as {@code JedisDataException}s.
 *
 * <p>Why not Jedis' {@code Pipeline}: it wraps every argument and every reply in objects of its
 * own, which made the sender thread of a sink the busiest thread of a job (issue #17's profile).
 * Jedis offers no call that writes bytes already encoded, so the connection's output stream is
 * reached by reflection; the pinned, shaded Jedis version makes that stable, and every test that
 * writes to Redis goes through here.
 */
final class RespWriter {

    private static final Field OUTPUT_STREAM = outputStreamField();

    /** Blocks appended as they are, each after the commands encoded before it. */
    private final List<RespBlock> written = new ArrayList<>(2);

    private RespBuilder out;
    private int writtenCommands;

    RespWriter(int expectedCommands) {
        this.out = new RespBuilder(Math.min(expectedCommands, 1 << 20) * 48);
    }

    int commands() {
        return writtenCommands + out.commands();
    }

    /** Appends one command: {@code name} and then {@code args[from..]}. */
    RespWriter command(byte[] name, byte[][] args, int from) {
        out.command(name, args, from);
        return this;
    }

    RespWriter command(byte[] name, byte[]... args) {
        return command(name, args, 0);
    }

    /** Appends commands already encoded; the block is written as it is, not copied. */
    RespWriter append(RespBlock block) {
        if (out.commands() > 0) {
            written.add(out.toBlock());
            writtenCommands += out.commands();
            out = new RespBuilder(256);
        }
        written.add(block);
        writtenCommands += block.commands();
        return this;
    }

    /** Writes everything appended and reads one reply per command. */
    List<Object> exchange(Connection connection) {
        try {
            RedisOutputStream stream = (RedisOutputStream) OUTPUT_STREAM.get(connection);
            for (RespBlock block : written) {
                stream.write(block.bytes(), 0, block.length());
            }
            stream.write(out.buffer(), 0, out.size());
        } catch (IOException e) {
            connection.setBroken();
            throw new JedisConnectionException(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return connection.getMany(commands());
    }

    private static Field outputStreamField() {
        try {
            Field field = Connection.class.getDeclaredField("outputStream");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(
                    "The Jedis shaded into this connector has no Connection.outputStream: "
                            + "build the connector with the Jedis version its pom names");
        }
    }
}
