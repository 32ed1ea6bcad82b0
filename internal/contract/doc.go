// Package contract holds codraft's JSON outputs to the schemas published in
// docs/schema: its tests run the commands on the sample drafts and on the
// shared corpus and validate every JSON document they write.
package contract
