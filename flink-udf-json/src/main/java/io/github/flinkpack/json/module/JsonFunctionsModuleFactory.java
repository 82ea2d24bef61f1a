package io.github.flinkpack.json.module;

import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.ModuleFactory;
import org.apache.flink.table.module.Module;

/** {@code LOAD MODULE flinkpack_json}: registers every JSON function of the pack. */
@PublicEvolving
public final class JsonFunctionsModuleFactory implements ModuleFactory {

    public static final String IDENTIFIER = "flinkpack_json";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public Module createModule(Context context) {
        return new JsonFunctionsModule();
    }
}
