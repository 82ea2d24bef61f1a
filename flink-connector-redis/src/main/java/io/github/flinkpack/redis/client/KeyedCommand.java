package io.github.flinkpack.redis.client;

import redis.clients.jedis.commands.ProtocolCommand;

/** One Redis command about one key; {@code args} include the key. */
public final class KeyedCommand {

    final byte[] key;
    final ProtocolCommand command;
    final byte[][] args;

    public KeyedCommand(byte[] key, ProtocolCommand command, byte[]... args) {
        this.key = key;
        this.command = command;
        this.args = args;
    }

    public byte[] key() {
        return key;
    }

    /** Appends this command as RESP. */
    public void writeTo(RespBuilder out) {
        out.command(command.getRaw(), args, 0);
    }

    @Override
    public String toString() {
        return command + " " + RedisCommandException.printable(key);
    }
}
