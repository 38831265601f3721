/**
 * Tags given to every taggable child, checked before anything is created
 * against AWS's tag rules ("Tagging AWS resources" → tag naming limits and
 * requirements, the same for ELB, EC2 and ACM): at most 50 user tags per
 * resource, keys 1–128 and values 0–256 characters, and no key starting with
 * `aws:` in any case (reserved for AWS). Values only known at deployment
 * (`Output`s, promises) are skipped.
 */
import type * as pulumi from "@pulumi/pulumi";
import { display, kindOf } from "./listenerValues";
import { knownNow, type Problems, quote } from "./problems";

export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/** Records every problem of `tags` (given under property `at`, e.g. `tags`). */
export function checkTags(
    tags: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined,
    problems: Problems,
    at = "tags",
): void {
    const plain = knownNow(tags);
    if (plain === undefined) return;
    if (typeof plain !== "object" || Array.isArray(plain)) {
        problems.add(
            at,
            `${quote(at, display(plain))} is ${kindOf(plain)}, not an object: write tags as { team: "web" }`,
        );
        return;
    }
    const keys = Object.keys(plain);
    if (keys.length > MAX_TAGS) {
        problems.add(
            at,
            `${quote(at, `${keys.length} tags`)} is more than the ${MAX_TAGS} tags AWS allows on one resource: drop or merge some`,
        );
    }
    for (const key of keys) {
        const path = `${at}.${key}`;
        if (key.length === 0) {
            problems.add(
                path,
                `${quote(at, display(plain))} has an empty key: every tag needs a key of 1 to ${MAX_TAG_KEY_LENGTH} characters`,
            );
            continue;
        }
        if ([...key].length > MAX_TAG_KEY_LENGTH) {
            problems.add(
                path,
                `${quote(path, `${key.slice(0, 20)}…`)} is a ${[...key].length}-character key, more than the ${MAX_TAG_KEY_LENGTH} AWS allows: shorten it`,
            );
        }
        if (key.toLowerCase().startsWith("aws:")) {
            problems.add(
                path,
                `${quote(path, key)} starts with 'aws:', a prefix AWS reserves for its own tags: rename the key`,
            );
        }
        const value = knownNow((plain as Record<string, unknown>)[key] as pulumi.Input<unknown>);
        if (value === undefined) continue;
        if (typeof value !== "string") {
            problems.add(
                path,
                `${quote(path, display(value))} is ${kindOf(value)}, not a string: tag values are text, e.g. "web"`,
            );
        } else if ([...value].length > MAX_TAG_VALUE_LENGTH) {
            problems.add(
                path,
                `${quote(path, `${value.slice(0, 20)}…`)} is ${[...value].length} characters, more than the ${MAX_TAG_VALUE_LENGTH} AWS allows in a tag value: shorten it`,
            );
        }
    }
}
