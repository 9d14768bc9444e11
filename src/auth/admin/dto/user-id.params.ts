import { IsMongoId } from 'class-validator';

/** The `:id` of /admin/users/:id/...: a malformed id is a 400, an unknown one a 404. */
export class UserIdParams {
  @IsMongoId()
  id!: string;
}
