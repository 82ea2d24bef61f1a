package io.github.flinkpack.json.convert;

import io.github.flinkpack.json.read.JsonParsers;
import java.math.BigDecimal;
import org.apache.flink.table.data.DecimalData;

/**
 * Number conversions that give null instead of throwing, wrapping around or hanging: every check on
 * magnitude happens before a {@link BigDecimal} is expanded, so {@code 1e999999999} is cheap.
 */
final class Numbers {

    private Numbers() {}

    /** The exact value of a JSON number or numeric string, or null. */
    static BigDecimal exact(JsonScalar scalar) {
        if (!scalar.isNumeric() || !scalar.isNumberWrapperOrPlain()) {
            return null;
        }
        String text = scalar.kind == JsonScalar.Kind.STRING ? scalar.text.trim() : scalar.text;
        if (!isNumberText(text)) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Decimal notation with optional sign, fraction and exponent; nothing Java-specific. */
    static boolean isNumberText(String text) {
        int length = text.length();
        if (length == 0 || length > JsonParsers.MAX_NUMBER_LENGTH) {
            return false;
        }
        int i = 0;
        if (text.charAt(i) == '-' || text.charAt(i) == '+') {
            i++;
        }
        int digits = skipDigits(text, i);
        if (digits == i) {
            return false;
        }
        i = digits;
        if (i < length && text.charAt(i) == '.') {
            digits = skipDigits(text, i + 1);
            if (digits == i + 1) {
                return false;
            }
            i = digits;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            digits = skipDigits(text, i);
            if (digits == i) {
                return false;
            }
            i = digits;
        }
        return i == length;
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The value as a whole number within [min, max]; null for fractions and overflow. */
    static Long integral(JsonScalar scalar, long min, long max) {
        BigDecimal value = exact(scalar);
        if (value == null) {
            return null;
        }
        if (value.signum() == 0) {
            return 0L;
        }
        if (integerDigits(value) > 19 || value.stripTrailingZeros().scale() > 0) {
            return null;
        }
        try {
            long result = value.longValueExact();
            return result < min || result > max ? null : result;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    static Double floating(JsonScalar scalar) {
        if ("$numberDouble".equals(scalar.wrapper)) {
            switch (scalar.text == null ? "" : scalar.text) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
            }
        }
        BigDecimal value = exact(scalar);
        if (value == null) {
            return null;
        }
        double result = value.doubleValue();
        return Double.isInfinite(result) ? null : result;
    }

    static DecimalData decimal(JsonScalar scalar, int precision, int scale) {
        BigDecimal value = exact(scalar);
        if (value == null) {
            return null;
        }
        if (value.signum() != 0 && integerDigits(value) > precision - scale) {
            return null;
        }
        if (integerDigits(value) < -scale - 1) {
            // Too small to survive rounding to the target scale; skips a huge setScale.
            value = BigDecimal.ZERO;
        }
        return DecimalData.fromBigDecimal(value, precision, scale);
    }

    /** Digits before the decimal point (negative for small fractions), without expanding. */
    private static long integerDigits(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }
}
