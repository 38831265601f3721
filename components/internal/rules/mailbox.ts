/**
 * One e-mail mailbox, as ACME contact addresses and SNS e-mail subscriptions take it: a bare RFC 5322
 * addr-spec, no display name, no `mailto:`, one address, at a DNS name.
 */
import { hostnameProblems, isIpAddress, normalizeHostname } from "./hostnames";
import { wrongType } from "./inputTypes";
import { quote } from "./problems";

/** RFC 5322 §3.4.1 addr-spec with a dot-atom local part (quoted local parts are refused). */
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const ADDR_SPEC = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*@([^@]+)$`);
const MAILBOX_EXAMPLE = "a mailbox such as 'ops@yourdomain.com'";

/** Why `email` (at property `path`) is not one mailbox, or `undefined`. */
export function mailboxProblem(email: unknown, path: string): string | undefined {
    if (typeof email !== "string") return wrongType(path, email, "a string", `give ${MAILBOX_EXAMPLE}`);
    const q = quote(path, email);
    if (email.trim() === "") return `${q} is empty: leave \`${path}\` out, or give ${MAILBOX_EXAMPLE}`;
    // lego adds the scheme itself (registration/registar.go: `mailTo + r.user.GetEmail()`), so a given
    // 'mailto:' would be sent as 'mailto:mailto:…'.
    if (/^mailto:/i.test(email))
        return `${q} starts with 'mailto:': give the bare address ('${email.replace(/^mailto:/i, "")}'); the ACME client adds 'mailto:' itself`;
    const angle = /<([^<>]*)>/.exec(email);
    if (angle) return `${q} has a display name: give only the address ('${angle[1].trim()}')`;
    if (/[,;\s]/.test(email.trim())) return `${q} is more than one address, or has spaces: give one mailbox`;
    const spec = ADDR_SPEC.exec(email.trim());
    if (!spec) return `${q} is not an e-mail address (RFC 5322 addr-spec, local@domain): give ${MAILBOX_EXAMPLE}`;
    const domain = normalizeHostname(spec[1]);
    if (isIpAddress(domain) || domain.startsWith("*") || hostnameProblems(domain, "").length > 0) {
        return `${q} has a domain that is not a DNS name ('${spec[1]}'): give a mailbox at a domain that receives mail`;
    }
    return undefined;
}
