import { connect } from '../src/db/connection.ts';
