package io.github.flinkpack.redis.table;

import io.github.flinkpack.testing.docs.OptionTables;
import java.nio.file.Paths;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/redis-connector.md documents exactly the declared options, with their defaults. */
class RedisOptionsDocTest {

    @Test
    void optionTablesMatchTheFactory() throws Exception {
        OptionTables.check(
                Paths.get("../docs/redis-connector.md"), new RedisDynamicTableFactory(), Set.of());
    }

    /** docs/redis-streams.md: its own options; the connection options are those of the above. */
    @Test
    void streamOptionTablesMatchTheStreamFactory() throws Exception {
        Set<String> connection = new java.util.HashSet<>();
        RedisConnectorOptions.CONNECTION.forEach(option -> connection.add(option.key()));
        OptionTables.check(
                Paths.get("../docs/redis-streams.md"), new RedisStreamTableFactory(), connection);
    }
}
