// ConfirmDelete moved to shared/ui, where every feature finds it.
export { ConfirmDelete } from '../../shared/ui/ConfirmDelete';
