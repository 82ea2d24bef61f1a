package io.github.flinkpack.redis.client;

import io.github.flinkpack.redis.util.Digits;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Arrays;
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
    private static final byte[] CRLF = {'\r', '\n'};

    private byte[] buffer;
    private int size;
    private int commands;

    RespWriter(int expectedCommands) {
        this.buffer = new byte[Math.max(256, Math.min(expectedCommands, 1 << 20) * 48)];
    }

    int commands() {
        return commands;
    }

    /** Appends one command: {@code name} and then {@code args[from..]}. */
    RespWriter command(byte[] name, byte[][] args, int from) {
        int count = args.length - from;
        header('*', count + 1);
        bulk(name);
        for (int i = from; i < args.length; i++) {
            bulk(args[i]);
        }
        commands++;
        return this;
    }

    RespWriter command(byte[] name, byte[]... args) {
        return command(name, args, 0);
    }

    /** Writes everything appended and reads one reply per command. */
    List<Object> exchange(Connection connection) {
        try {
            RedisOutputStream out = (RedisOutputStream) OUTPUT_STREAM.get(connection);
            out.write(buffer, 0, size);
        } catch (IOException e) {
            connection.setBroken();
            throw new JedisConnectionException(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return connection.getMany(commands);
    }

    private void bulk(byte[] part) {
        header('$', part.length);
        ensure(part.length + 2);
        System.arraycopy(part, 0, buffer, size, part.length);
        size += part.length;
        buffer[size++] = CRLF[0];
        buffer[size++] = CRLF[1];
    }

    private void header(char type, int number) {
        ensure(14);
        buffer[size++] = (byte) type;
        size = Digits.write(number, buffer, size);
        buffer[size++] = CRLF[0];
        buffer[size++] = CRLF[1];
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
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
