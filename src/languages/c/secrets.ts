/**
 * The C and C++ calls that take a secret, and where: shared by the syntactic hard-coded secret
 * rules (src/rules/c/hardcoded-secret.ts) and the data-flow sinks that follow fixed text to them
 * (specs/index.ts).
 */

/** Where the key sits in the calls that take one. */
export const KEY_ARG: Readonly<Record<string, number>> = {
  EVP_EncryptInit_ex: 3, EVP_DecryptInit_ex: 3, EVP_CipherInit_ex: 3, EVP_EncryptInit: 2, EVP_DecryptInit: 2, EVP_CipherInit: 2,
  EVP_EncryptInit_ex2: 2, EVP_DecryptInit_ex2: 2, AES_set_encrypt_key: 0, AES_set_decrypt_key: 0, HMAC: 1, HMAC_Init_ex: 1,
  CMAC_Init: 1, DES_set_key: 0, BF_set_key: 2, RC4_set_key: 2, EVP_PKEY_new_mac_key: 2, EVP_PKEY_new_raw_private_key: 2,
  // Windows: a key blob imported as it is, a CNG key made from the given secret.
  CryptImportKey: 1, BCryptGenerateSymmetricKey: 4,
};

/**
 * CryptoAPI derives a key from a hash of secret material: what CryptHashData() hashes (its second
 * argument) is the key when CryptDeriveKey() turns that hash into one.
 */
export const KEY_MATERIAL = { call: 'CryptHashData', pos: 1, derivedBy: 'CryptDeriveKey' } as const;

/** Where the password sits in the calls that take one. */
export const PASSWORD_ARG: Readonly<Record<string, number>> = {
  mysql_real_connect: 3, mysql_connect: 3, PQsetdbLogin: 6, ldap_simple_bind_s: 2, ldap_simple_bind: 2, ldap_bind_s: 2,
  SQLConnect: 5, SQLConnectA: 5, SQLConnectW: 5, sqlite3_key: 1, ssh_userauth_password: 2, libssh2_userauth_password: 2,
  PKCS5_PBKDF2_HMAC_SHA1: 0,
  // Windows logons and network connections.
  LogonUserA: 2, LogonUserW: 2, LogonUser: 2, LogonUserExA: 2, LogonUserExW: 2, LogonUserEx: 2, CreateProcessWithLogonW: 2,
  WNetAddConnectionA: 1, WNetAddConnectionW: 1, WNetAddConnection2A: 1, WNetAddConnection2W: 1, WNetAddConnection2: 1,
};

/** Calls that copy their second argument into their first: `strcpy(password, PASSWORD)` fixes the password. */
export const TEXT_COPIES = ['strcpy', 'strncpy', 'strcat', 'strncat', 'strlcpy', 'strlcat', 'stpcpy', 'memcpy', 'memmove', 'wcscpy', 'wcsncpy', 'wcscat', 'wcsncat', 'lstrcpyA', 'lstrcpyW', 'lstrcpy'];
