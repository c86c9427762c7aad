/** How long a password people choose may be: checked by the DAL, shown and enforced early by the form. */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;
