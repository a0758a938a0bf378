/**
 * OOS 2019-06-01 (CloudOps Orchestration Service): the public template ACS-ECS-BulkyEncryptSystemDisk and its
 * executions.
 *
 * <p>Source: github.com/aliyun/oos-templates, PublicTemplates/YAML/ACS-ECS-BulkyEncryptSystemDisk.yml and
 * CloudProductActions/ECS/YAML/ACS::ECS::EncryptSystemDisk.yml, ACS::ECS::ReplaceSystemDisk.yml and
 * ACS::ECS::CreateSnapshot.yml (commit 48dd266, 2024-09-23); response and request field names from the models of
 * com.aliyun:oos20190601 2.0.0. What the simulator chose where the sources say nothing:
 * <ul>
 * <li>Parameters: regionId (default: the caller's region), targets ({@code {"Type": "ResourceIds", "ResourceIds":
 *     [...]}} only; tags and resource groups are not simulated), KMSKeyId (required), rateControl (Mode Concurrency
 *     only; Concurrency and MaxErrors as counts or percentages; default 10 and 0), OOSAssumeRole (default '': the
 *     caller's own identity; a role must exist and the steps then call ECS as that role, session = the execution).
 * <li>Shape: the parent runs getInstance (ACS::SelectTargets: instances DescribeInstances does not find are left out
 *     and named in its StatusMessage) and the loop task encryptSystemDisk, whose items are task executions
 *     (LoopItem, ChildExecutionId, ParentTaskExecutionId) each with a child execution of ACS::ECS::EncryptSystemDisk.
 *     The nested actions ACS::ECS::CreateSnapshot and ACS::ECS::ReplaceSystemDisk run as one task each (their calls
 *     are phases of it), not as grandchild executions.
 * <li>Outputs as the public template defines them: systemDiskEncryptedInstances lists the instances whose system disk
 *     was encrypted <em>already</em> (and so skipped); each child also outputs newSystemDiskId.
 * <li>replaceSystemDisk is OnError ACS::NEXT in the template: the clean-up (deleteImage, deleteSnapshot) runs after it
 *     fails; the child then ends Failed (not Success) with the replacement's error. The instance stays as the failed
 *     step left it (e.g. Stopped). A failure in another step ends the child at once and leaves what it had made, as
 *     the template does.
 * <li>MaxErrors: once more items failed than it allows, no new item starts; running ones finish; the items never
 *     started end Cancelled; the loop task and the execution end Failed. Within MaxErrors they end Success with a
 *     StatusMessage naming the failures.
 * <li>CancelExecution stops between steps (a step is one ECS call, never half done); cancelling a finished execution
 *     changes nothing.
 * <li>Restart: an execution running at shutdown resumes from its last recorded step (all its state is in H2). Only a
 *     crash between a step's ECS call and its record repeats that call.
 * <li>A waiting step (WaitFor) fails after 30 minutes of simulated time.
 * </ul>
 */
package dev.ecskms.sim.oos;
