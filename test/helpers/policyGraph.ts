/**
 * Records the resource graph of a mock-based test the way the offline
 * preview records a program (type, name, parent, inputs, dependencies and
 * property dependencies, by URN), so that a policy pack can be evaluated over
 * what the package's own components register. Registrations still go through
 * the conformance mocks of ./mocks.ts: the monitor's `registerResource` is
 * wrapped, not replaced. Call {@link recordGraph} after the mocks are installed
 * (after `setPreviewMode`, which installs a new monitor).
 */
import * as pulumi from "@pulumi/pulumi";
import { type PlannedResource } from "../../components/cli/preview/plan";
import { urnFor } from "../../components/cli/preview/recorder";
import { fromWire, type PlanValue } from "../../components/cli/preview/values";

/** The project and stack ./mocks.ts installs. */
export const MOCK_PROJECT = "aws-https-domain";

type Message = Record<string, (...args: any[]) => any>;

/** Starts recording; returns the live list of registrations (cleared by `clear`). */
export function recordGraph(stack = "test"): { resources: PlannedResource[]; clear(): void } {
    const resources: PlannedResource[] = [];
    const monitor = pulumi.runtime.getMonitor() as unknown as Record<string, (req: Message, cb: unknown) => void>;
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
        const type: string = req.getType();
        const name: string = req.getName();
        const parent: string | undefined = req.getParent() || undefined;
        const inputs = fromWire(req.getObject()?.toJavaScript() ?? {}) as Record<string, PlanValue>;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap?.().forEach((deps: Message, key: string) => {
            const urns: string[] = deps.getUrnsList();
            if (urns.length) propertyDependencies[key] = urns;
        });
        resources.push({
            urn: urnFor(stack, MOCK_PROJECT, parent, type, name),
            type,
            name,
            kind: req.getCustom() ? (type.startsWith("pulumi:providers:") ? "provider" : "resource") : "component",
            parent,
            inputs,
            dependsOn: [...(req.getDependenciesList?.() ?? [])],
            propertyDependencies,
        });
        original(req, cb);
    };
    return { resources, clear: () => void resources.splice(0) };
}
