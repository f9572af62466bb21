package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8785's own examples (section 3.2.2 and 3.2.3, Appendix B) and the test data of its reference implementation
 * (github.com/cyberphone/json-canonicalization, testdata/input and testdata/output), used as data.
 */
class JcsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String canonical(String json) throws Exception {
        return Jcs.canonicalString(JSON.readTree(json));
    }

    @ParameterizedTest(name = "IEEE 754 {0} prints as {1}")
    @CsvSource({
            "0000000000000000, 0", "8000000000000000, 0", "0000000000000001, 5e-324", "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308", "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992", "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000", "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23", "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000", "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21", "3eb0c6f7a0b5ed8c, 9.999999999999997e-7", "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332", "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333", "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343", "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"})
    void numbers_print_as_rfc_8785_appendix_b_says(String bits, String expected) {
        assertThat(Jcs.number(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16)))).isEqualTo(expected);
    }

    @Test
    void nan_and_infinity_are_refused() {
        assertThatThrownBy(() -> Jcs.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jcs.number(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void properties_sort_by_utf16_code_units_as_in_section_3_2_3() throws Exception {
        String sorted = canonical("""
                {"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
                 "\\u00f6": "Latin Small Letter O With Diaeresis"}""");
        assertThat(sorted).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void the_sample_of_section_3_2_2() throws Exception {
        assertThat(canonical("""
                {"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                 "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                 "literals": [null, true, false]}"""))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void reference_test_data_arrays_french_structures_unicode_values_weird() throws Exception {
        assertThat(canonical("[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]"))
                .isEqualTo("[56,{\"1\":[],\"10\":null,\"d\":true}]");
        assertThat(canonical("{\n  \"peach\": \"This sorting order\",\n  \"p\u00e9ch\u00e9\": \"is wrong according to "
                + "French\",\n  \"p\u00eache\": \"but canonicalization MUST\",\n  \"sin\":   \"ingnore locale\"\n}"))
                .isEqualTo("{\"peach\":\"This sorting order\",\"p\u00e9ch\u00e9\":\"is wrong according to French\","
                        + "\"p\u00eache\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}");
        assertThat(canonical("{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": "
                + "\"empty\",\n  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}"))
                .isEqualTo("{\"\":\"empty\",\"1\":{\"\\n\":56,\"f\":{\"F\":5,\"f\":\"hi\"}},\"10\":{},\"111\":[{}],"
                        + "\"A\":{},\"a\":{}}");
        assertThat(canonical("{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n"))
                .isEqualTo("{\"Unnormalized Unicode\":\"\u1e0d\u0307\"}");
        assertThat(canonical("{\n  \"numbers\": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],"
                + "\n  \"escaping\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": "
                + "[null, true, false]\n}"))
                .isEqualTo("{\"escaping\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"literals\":[null,true,false],"
                        + "\"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}");
        assertThat(canonical("{\n  \"\\u20ac\": \"Euro Sign\",\n  \"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n"
                + "  \"\\ud83d\\ude02\": \"Smiley\",\n  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\",\n  "
                + "\"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"</script>\": \"Browser Challenge\"\n}\n"))
                .isEqualTo("{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude02\":\"Smiley\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void what_is_not_i_json_is_refused_rather_than_hashed_differently_elsewhere() throws Exception {
        assertThatThrownBy(() -> canonical("{\"n\": 9007199254740993}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("\"\\ud800\"")).isInstanceOf(IllegalArgumentException.class);
        assertThat(canonical("{\"n\": 9007199254740991, \"m\": -3, \"z\": -0.0}"))
                .isEqualTo("{\"m\":-3,\"n\":9007199254740991,\"z\":0}");
    }
}
