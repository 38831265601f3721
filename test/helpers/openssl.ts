/**
 * Which OpenSSL this Node links, for tests whose expected text is OpenSSL's own: Node 20 ships 3.0, Node 22 and 24
 * ship 3.5, which names some errors differently (3.2 renamed the "sslv3 alert …" reasons "ssl/tls alert …",
 * openssl/openssl ssl/ssl_err.c; see each test for its case).
 */
export const OPENSSL_BEFORE_3_2 = /^3\.[01]\./.test(process.versions.openssl);
