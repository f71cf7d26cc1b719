/* Unit tests for sha256.c: the FIPS 180-4 examples and streaming across block edges. */
#include <string.h>
#include "sha256.h"
#include "testutil.h"

static void hex_of(const unsigned char d[32], char out[65])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[64] = '\0';
}

START_TEST(empty_message)
{
    char h[65];
    cc_sha256_hex("", 0, h);
    ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(abc)
{
    char h[65];
    cc_sha256_hex("abc", 3, h);
    ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

START_TEST(two_block_448_bit_message)
{
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ck_assert_uint_eq(strlen(m) * 8, 448);
    char h[65];
    cc_sha256_hex(m, strlen(m), h);
    ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(one_million_a_streamed)
{
    /* Pieces of 997 bytes (a prime) so that updates straddle every block position. */
    static char piece[997];
    memset(piece, 'a', sizeof piece);
    cc_sha256 c;
    cc_sha256_init(&c);
    size_t left = 1000000;
    while (left) {
        size_t n = left < sizeof piece ? left : sizeof piece;
        cc_sha256_update(&c, piece, n);
        left -= n;
    }
    unsigned char d[32];
    char h[65];
    cc_sha256_final(&c, d);
    hex_of(d, h);
    ck_assert_str_eq(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Lengths around the padding boundary (55/56 bytes need one or two final blocks). */
START_TEST(padding_boundaries)
{
    static const struct { size_t n; const char *hex; } cases[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
        {128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"},
    };
    char a[128], h[65];
    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cc_sha256_hex(a, cases[i].n, h);
        ck_assert_str_eq(h, cases[i].hex);
        /* the same bytes one at a time */
        cc_sha256 c;
        unsigned char d[32];
        cc_sha256_init(&c);
        for (size_t k = 0; k < cases[i].n; k++)
            cc_sha256_update(&c, a + k, 1);
        cc_sha256_final(&c, d);
        hex_of(d, h);
        ck_assert_str_eq(h, cases[i].hex);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("sha256");
    CC_TCASE(s, "fips180-4", NULL, NULL, empty_message, abc, two_block_448_bit_message,
             one_million_a_streamed, padding_boundaries);
    return s;
}
