/**
 * Public leaf types that any file may import; this file imports nothing of the package.
 */

/** A DNS record to create at a DNS provider (when Route 53 is not managed here). */
export interface RequiredDnsRecord {
    /** Fully qualified record name, e.g. `app.example.com` or `_1a2b.example.com.`. */
    name: string;
    /** Record type: `CNAME`, `CAA`, … */
    type: string;
    /** Record value, e.g. the load balancer's DNS name or ACM's validation target. */
    value: string;
    /** Why the record is needed. */
    purpose: string;
}
