// The links CP holds now: who has which minidisk at which address, in which access (VM/370 System
// Logic R6, DMKLNK: the VMDBLOK/VDEVBLOK chains CP searches when it applies the LINK rules). One
// registry per CP system; LINK (the command, and the directory's MDISK and LINK statements at
// logon) adds to it, DETACH and LOGOFF take away. The access rules themselves are link-rules.ts.

import type { LinkRecord } from './link-rules.ts';

export class LinkRegistry {
  private records: LinkRecord[] = [];

  /** Every link, oldest first. */
  list(): readonly LinkRecord[] {
    return this.records;
  }

  /** Records a granted link; returns the function that lets go of it (safe to call twice). */
  add(record: LinkRecord): () => void {
    this.records.push(record);
    return () => {
      this.records = this.records.filter((r) => r !== record);
    };
  }

  /** The link a user has at one of its addresses. */
  at(userid: string, vaddr: number): LinkRecord | undefined {
    return this.records.find((r) => r.userid === userid && r.vaddr === vaddr);
  }

  /** Everyone linked to one minidisk (the owner included, when it has its disk). */
  to(owner: string, ownerVaddr: number): LinkRecord[] {
    return this.records.filter((r) => r.owner === owner && r.ownerVaddr === ownerVaddr);
  }

  /** A user's links, by address. */
  of(userid: string): LinkRecord[] {
    return this.records.filter((r) => r.userid === userid).sort((a, b) => a.vaddr - b.vaddr);
  }

  /** DEFINE vaddr AS vaddr2 moved a linked disk to another address. */
  moved(userid: string, from: number, to: number): void {
    const r = this.at(userid, from);
    if (r !== undefined) r.vaddr = to;
  }

  /** Drops every link of a user (a fresh logon: nothing of an earlier session can still hold a link). */
  dropUser(userid: string): void {
    this.records = this.records.filter((r) => r.userid !== userid);
  }

  /** Keeps only the links of these users (the ones logged on). */
  retainUsers(userids: ReadonlySet<string>): void {
    this.records = this.records.filter((r) => userids.has(r.userid));
  }
}
