/** Length bounds from NIST SP 800-63B: at least 8, and a cap so hashing cost stays bounded. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
