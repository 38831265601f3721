/** Tag rules for every AWS resource that takes `tags`. */
import { known, problem, type Problem, type ResourceRule } from "./types";

const CITATION =
    'AWS tagging documentation, tag restrictions (at most 50 user tags per resource; key at most 128 and value at most 256 Unicode characters; the aws: prefix is reserved) — e.g. AWS Batch User Guide "Tag restrictions"; not a TF schema check';

export const TAG_RULES: ResourceRule[] = [
    {
        id: "aws.tags",
        type: "*",
        citation: CITATION,
        check(inputs, resource): Problem[] {
            const tags = known(inputs.tags);
            if (!resource.type.startsWith("aws:") || !tags || typeof tags !== "object") return [];
            const out: Problem[] = [];
            const entries = Object.entries(tags as Record<string, unknown>);
            const user = entries.filter(([k]) => !k.toLowerCase().startsWith("aws:"));
            if (user.length > 50)
                out.push(problem("tags", user.length, `at most 50 tags per resource, got ${user.length}`));
            for (const [key, raw] of entries) {
                const value = known(raw);
                if ([...key].length > 128)
                    out.push(problem(`tags.${key}`, key, `tag key longer than 128 characters (${[...key].length})`));
                if (typeof value === "string" && [...value].length > 256)
                    out.push(
                        problem(`tags.${key}`, value, `tag value longer than 256 characters (${[...value].length})`),
                    );
                if (key.toLowerCase().startsWith("aws:"))
                    out.push(problem(`tags.${key}`, key, `tag keys may not start with "aws:" (reserved for AWS)`));
            }
            return out;
        },
    },
];
