package io.github.flinkpack.arrays.module;

import io.github.flinkpack.testing.docs.FunctionsSql;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/functions.sql creates exactly the functions the module registers. */
class FunctionsSqlDocTest {

    @Test
    void everyModuleFunctionHasItsCreateFunctionLineAndNoneIsExtra() throws Exception {
        FunctionsSql.check(
                Paths.get("../docs/functions.sql"),
                new ArrayFunctionsModule(),
                "io.github.flinkpack.arrays");
    }
}
