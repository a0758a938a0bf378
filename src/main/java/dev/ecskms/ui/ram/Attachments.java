package dev.ecskms.ui.ram;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Policy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Attaching policies to a user or a group and detaching them, shared by the users' and the groups' details: the
 * Attach Policy dialog is filled from ListPolicies, each chosen policy is attached in turn, and Detach asks first,
 * naming the policy and whom it is detached from.
 */
public final class Attachments {
    /** Whom a policy is attached to. */
    public enum Target {
        USER("user"), GROUP("group");

        private final String noun;

        Target(String noun) {
            this.noun = noun;
        }

        public String noun() {
            return noun;
        }
    }

    private final ConsoleSession session;
    private final Consumer<String> pageError;
    private final Consumer<String> notice;
    private final Runnable afterChange;

    /**
     * @param pageError   where failures without a dialog go (the details page's banner)
     * @param notice      what a success says
     * @param afterChange reloads the page
     */
    public Attachments(ConsoleSession session, Consumer<String> pageError, Consumer<String> notice,
            Runnable afterChange) {
        this.session = session;
        this.pageError = pageError;
        this.notice = notice;
        this.afterChange = afterChange;
    }

    private RamService ram() {
        return session.services().ram();
    }

    /** Reads the policies, then opens Attach Policy without those already attached. */
    public void openAttach(Target target, String name, Collection<AttachedPolicy> attached) {
        Set<String> already = attached.stream().map(p -> p.policyType() + ":" + p.policyName())
                .collect(Collectors.toSet());
        CallContext ctx = session.context();
        session.tasks().run(() -> ram().listPolicies(ctx, null), policies -> {
            AttachPolicyDialog dialog = new AttachPolicyDialog(session.modals(), target.noun() + " " + name,
                    policies, already);
            dialog.setOnConfirm(ignored -> {
                dialog.setBusy(true);
                attach(target, name, dialog.chosen(), () -> {
                    dialog.close();
                }, dialog::showError);
            });
            dialog.show();
        }, failure -> pageError.accept("The policies could not be listed: " + Errors.describe(failure)));
    }

    /** Attaches each policy in turn; stops at the first refusal (those before it stay attached, and are shown). */
    public void attach(Target target, String name, List<Policy> policies, Runnable onDone,
            Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> {
            for (Policy policy : policies) {
                if (target == Target.USER) {
                    ram().attachPolicyToUser(ctx, policy.policyType(), policy.policyName(), name);
                } else {
                    ram().attachPolicyToGroup(ctx, policy.policyType(), policy.policyName(), name);
                }
            }
        }, () -> {
            notice.accept(policies.size() == 1 ? "The policy " + policies.get(0).policyName()
                    + " was attached to the " + target.noun() + " " + name + "."
                    : policies.size() + " policies were attached to the " + target.noun() + " " + name + ".");
            onDone.run();
            afterChange.run();
        }, failure -> {
            onError.accept(failure);
            afterChange.run();
        });
    }

    /** Asks "Detach the policy … from the user …?", then detaches it. */
    public void openDetach(Target target, String name, AttachedPolicy policy) {
        ConsoleDialog dialog = Confirmations.confirm(session.modals(), "Detach Policy",
                detachQuestion(target, name, policy), "Detach");
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            detach(target, name, policy, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    static String detachQuestion(Target target, String name, AttachedPolicy policy) {
        return "Detach the " + policy.policyType() + " policy " + policy.policyName() + " from the " + target.noun()
                + " " + name + "? The " + target.noun() + " loses the permissions it grants at once"
                + (target == Target.GROUP ? ", and so does each of its members" : "") + ".";
    }

    public void detach(Target target, String name, AttachedPolicy policy, Runnable onDone,
            Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> {
            if (target == Target.USER) {
                ram().detachPolicyFromUser(ctx, policy.policyType(), policy.policyName(), name);
            } else {
                ram().detachPolicyFromGroup(ctx, policy.policyType(), policy.policyName(), name);
            }
        }, () -> {
            notice.accept("The policy " + policy.policyName() + " was detached from the " + target.noun() + " "
                    + name + ".");
            onDone.run();
            afterChange.run();
        }, onError);
    }
}
