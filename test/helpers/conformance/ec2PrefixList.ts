/**
 * Managed prefix list rules (terraform-provider-aws internal/service/ec2
 * vpc_managed_prefix_list.go; the EC2 API reference, CreateManagedPrefixList).
 */
import { isSet, list, num, oneOf, problem, type Problem, type ResourceRule, rule, str } from "./types";
import { parseIpv4Cidr, parseIpv6Cidr } from "./ec2";

const LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const TF = "hashicorp/terraform-provider-aws internal/service/ec2/vpc_managed_prefix_list.go";

export const PREFIX_LIST_RULES: ResourceRule[] = [
    rule(
        "ec2.prefixList.addressFamily",
        LIST,
        `${TF} schema "address_family" StringInSlice(managedPrefixListAddressFamily_Values(): IPv4, IPv6)`,
        (i) => oneOf("addressFamily", i.addressFamily, ["IPv4", "IPv6"]),
    ),
    rule(
        "ec2.prefixList.name",
        LIST,
        `${TF} schema "name" StringLenBetween(1, 255); EC2 API CreateManagedPrefixList PrefixListName "cannot start with com.amazonaws"`,
        (i) => {
            const name = str(i.name);
            if (name === undefined) return [];
            const out: Problem[] = [];
            if (name.length < 1 || name.length > 255)
                out.push(problem("name", name, "length must be between 1 and 255 characters"));
            if (name.startsWith("com.amazonaws")) out.push(problem("name", name, 'cannot start with "com.amazonaws"'));
            return out;
        },
    ),
    rule(
        "ec2.prefixList.entries",
        LIST,
        `${TF} schema "max_entries" IntAtLeast(1), "entry.cidr" IsCIDR (of the list's family: EC2 API AddPrefixListEntry), "entry.description" StringLenBetween(0, 255); EC2 API: entries may not exceed MaxEntries`,
        (i) => {
            const out: Problem[] = [];
            const max = num(i.maxEntries);
            if (max !== undefined && max < 1) out.push(problem("maxEntries", max, "must be at least 1"));
            const family = str(i.addressFamily);
            const entries = list(i.entries);
            entries.forEach((e, n) => {
                const cidr = str(e.cidr);
                if (cidr === undefined) {
                    if (!isSet(e, "cidr")) out.push(problem(`entries[${n}].cidr`, undefined, "is required"));
                    return;
                }
                const parsed = family === "IPv6" ? parseIpv6Cidr(cidr) : parseIpv4Cidr(cidr);
                if (!parsed) out.push(problem(`entries[${n}].cidr`, cidr, `is not a valid ${family ?? "IPv4"} CIDR`));
                const description = str(e.description);
                if (description !== undefined && description.length > 255)
                    out.push(
                        problem(`entries[${n}].description`, description, "length must be at most 255 characters"),
                    );
            });
            if (max !== undefined && entries.length > max)
                out.push(problem("entries", entries.length, `holds more entries than maxEntries (${max})`));
            return out;
        },
    ),
];
